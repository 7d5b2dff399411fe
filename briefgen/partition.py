"""Cut an input too large to cluster exactly into blocks of similar articles, without cutting through events.

hdbscan finds the dense groups in a reduced space (an event is a dense group); the groups, each with the lone
articles nearest to it, are packed whole into blocks, closest groups first. Measurements: docs/scale.md."""

from __future__ import annotations

import numpy as np

DIMENSIONS = 20  # PCA dimensions hdbscan works in (docs/scale.md: 10/20/40 measured)
FIT_ROWS = 10_000  # the PCA is fitted on at most this many rows (a fixed-seed sample), then applied to all
MIN_GROUP = 3  # hdbscan's smallest group (and its density's neighbourhood)
SPLIT = "density"


def blocks(dense: np.ndarray, latent, size: int, seed: int, method: str = "density") -> list[np.ndarray]:
    """Row numbers of blocks of at most `size` articles, in order of their first row. `dense` (MiniLM) and
    `latent` (LSA) are the article's unit rows in two of the story views; k-means reads only `dense`."""
    if len(dense) <= size:
        return [np.arange(len(dense))]
    if method == "kmeans":
        return kmeans_blocks(dense, size, seed)
    space = dense if not isinstance(latent, np.ndarray) else np.hstack([dense, latent])
    return sorted(density_blocks(space, size, seed), key=lambda rows: rows[0])


def density_blocks(vectors: np.ndarray, size: int, seed: int, depth: int = 0) -> list[np.ndarray]:
    if len(vectors) <= size:
        return [np.arange(len(vectors))]
    import hdbscan

    reduced = reduce(vectors, seed)
    found = hdbscan.HDBSCAN(min_cluster_size=MIN_GROUP, max_cluster_size=size).fit(reduced)
    tree = found.single_linkage_tree_.to_numpy()
    labels = with_noise_attached(found.labels_, reduced)
    done = []
    for members in pack(labels, tree, size):
        if len(members) <= size:
            done.append(members)
        elif SPLIT == "density" and depth < 3 and len(members) < len(vectors):
            done.extend(members[rows] for rows in density_blocks(vectors[members], size, seed, depth + 1))
        else:
            done.extend(members[rows] for rows in kmeans_blocks(vectors[members], size, seed))
    return done


def reduce(vectors: np.ndarray, seed: int) -> np.ndarray:
    """PCA to DIMENSIONS, fitted on a fixed-seed sample: hdbscan is fast in few dimensions (O(n log n))."""
    from sklearn.decomposition import PCA

    dimensions = min(DIMENSIONS, vectors.shape[0] - 1, vectors.shape[1])
    sample = vectors
    if len(vectors) > FIT_ROWS:
        sample = vectors[np.sort(np.random.default_rng(seed).choice(len(vectors), FIT_ROWS, replace=False))]
    return PCA(dimensions, svd_solver="covariance_eigh").fit(sample).transform(vectors).astype(np.float64)


def with_noise_attached(labels: np.ndarray, reduced: np.ndarray) -> np.ndarray:
    """Each article hdbscan left as noise joins the group of its nearest grouped article; no group: each alone."""
    labels = labels.copy()
    grouped, noise = np.flatnonzero(labels >= 0), np.flatnonzero(labels < 0)
    if not len(grouped):
        return np.arange(len(labels))
    if len(noise):
        from sklearn.neighbors import NearestNeighbors

        nearest = NearestNeighbors(n_neighbors=1).fit(reduced[grouped]).kneighbors(reduced[noise])[1][:, 0]
        labels[noise] = labels[grouped[nearest]]
    return labels


def pack(labels: np.ndarray, tree: np.ndarray, size: int) -> list[np.ndarray]:
    """Groups merged along hdbscan's single-linkage tree, closest first, while the union fits in a block; what
    is left is packed in the tree's leaf order, where neighbours are close. A group over `size` stays whole."""
    from scipy.cluster.hierarchy import leaves_list

    n = len(labels)
    parent = np.arange(n)  # union-find over articles; the members of a group start as one set

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first = {}
    for row, label in enumerate(labels.tolist()):
        parent[row] = first.setdefault(label, row)
    count = np.bincount(parent, minlength=n)
    representative = list(range(n))  # an article under each tree node
    for a, b, _, _ in tree:
        ra, rb = root(representative[int(a)]), root(representative[int(b)])
        representative.append(representative[int(a)])
        if ra != rb and count[ra] + count[rb] <= size:
            parent[rb] = ra
            count[ra] += count[rb]
    position = np.empty(n, dtype=float)
    position[leaves_list(tree)] = np.arange(n)
    sets: dict[int, list[int]] = {}
    for row in range(n):
        sets.setdefault(root(row), []).append(row)
    done, current = [], []
    for members in sorted(sets.values(), key=lambda rows: (float(np.mean(position[rows])), rows[0])):
        if len(current) + len(members) > size and current:
            done.append(np.array(sorted(current)))
            current = []
        current.extend(members)
    return done + [np.array(sorted(current))] if current else done


def kmeans_blocks(vectors: np.ndarray, size: int, seed: int) -> list[np.ndarray]:
    """Blocks by k-means, split again while too big: the partition before density blocks, kept to compare."""
    from sklearn.cluster import MiniBatchKMeans

    pending, done = [np.arange(len(vectors))], []
    while pending:
        rows = pending.pop()
        if len(rows) <= size:
            done.append(rows)
            continue
        k = int(np.ceil(2 * len(rows) / size))
        parts = MiniBatchKMeans(k, random_state=seed, n_init=3, batch_size=4096).fit_predict(vectors[rows])
        split = [rows[parts == p] for p in range(k) if np.any(parts == p)]
        if len(split) == 1:  # k-means could not divide (identical vectors): cut in order
            split = np.array_split(rows, k)
        pending.extend(split)
    return sorted(done, key=lambda rows: rows[0])
