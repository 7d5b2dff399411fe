"""Cue words of reported speech learned from PolNeAR train; scripts/learn_claim_cues.py writes this file."""

# 164 candidates, 81 kept (at least 3 claims, 50% of them matching gold), learned on 840 articles.
CUES = (
    "acknowledge",  # 12/12 claims matched; gold cue in 32% of 25 uses
    "announce",  # 3/4 claims matched; gold cue in 31% of 16 uses
    "asked for",  # 2/3 claims matched; gold cue in 41% of 17 uses
    "assured of",  # 2/4 claims matched; gold cue in 57% of 7 uses
    "attacked",  # 11/20 claims matched; gold cue in 40% of 52 uses
    "bemoaned",  # 2/3 claims matched; gold cue in 100% of 6 uses
    "blamed",  # 7/11 claims matched; gold cue in 70% of 23 uses
    "blames",  # 3/3 claims matched; gold cue in 100% of 4 uses
    "blasted",  # 8/11 claims matched; gold cue in 71% of 24 uses
    "called on",  # 11/13 claims matched; gold cue in 61% of 31 uses
    "cite",  # 3/3 claims matched; gold cue in 38% of 8 uses
    "condemned",  # 5/6 claims matched; gold cue in 69% of 13 uses
    "confident in",  # 2/3 claims matched; gold cue in 60% of 5 uses
    "congratulated",  # 4/4 claims matched; gold cue in 38% of 8 uses
    "considers",  # 4/5 claims matched; gold cue in 62% of 8 uses
    "critical of",  # 2/3 claims matched; gold cue in 47% of 15 uses
    "declined",  # 5/7 claims matched; gold cue in 51% of 88 uses
    "decried",  # 4/5 claims matched; gold cue in 100% of 10 uses
    "defended",  # 13/15 claims matched; gold cue in 82% of 39 uses
    "denounced",  # 5/5 claims matched; gold cue in 58% of 26 uses
    "discussed",  # 7/9 claims matched; gold cue in 60% of 25 uses
    "displayed",  # 3/3 claims matched; gold cue in 43% of 7 uses
    "distanced himself from",  # 2/4 claims matched; gold cue in 100% of 5 uses
    "expressed concern",  # 4/4 claims matched; gold cue in 50% of 8 uses
    "highlighted",  # 5/7 claims matched; gold cue in 50% of 16 uses
    "identified",  # 3/6 claims matched; gold cue in 31% of 32 uses
    "implied",  # 2/4 claims matched; gold cue in 60% of 10 uses
    "indicate",  # 5/6 claims matched; gold cue in 58% of 12 uses
    "invoked",  # 3/6 claims matched; gold cue in 67% of 9 uses
    "knocked",  # 3/5 claims matched; gold cue in 45% of 11 uses
    "laid out",  # 3/6 claims matched; gold cue in 55% of 11 uses
    "lashed out at",  # 3/5 claims matched; gold cue in 60% of 5 uses
    "listed",  # 5/9 claims matched; gold cue in 40% of 20 uses
    "lists",  # 2/4 claims matched; gold cue in 30% of 23 uses
    "made clear",  # 7/9 claims matched; gold cue in 50% of 20 uses
    "made it clear",  # 5/6 claims matched; gold cue in 69% of 13 uses
    "mentioned",  # 10/18 claims matched; gold cue in 43% of 42 uses
    "mocked",  # 3/3 claims matched; gold cue in 60% of 20 uses
    "offered",  # 26/39 claims matched; gold cue in 32% of 75 uses
    "opposes",  # 3/5 claims matched; gold cue in 33% of 18 uses
    "ordered",  # 9/10 claims matched; gold cue in 71% of 21 uses
    "persuaded",  # 4/4 claims matched; gold cue in 30% of 10 uses
    "point to",  # 6/10 claims matched; gold cue in 41% of 17 uses
    "pointed out",  # 9/9 claims matched; gold cue in 91% of 22 uses
    "pointed to",  # 10/16 claims matched; gold cue in 70% of 23 uses
    "points out",  # 2/3 claims matched; gold cue in 44% of 9 uses
    "points to",  # 6/6 claims matched; gold cue in 67% of 9 uses
    "portrayed",  # 5/5 claims matched; gold cue in 50% of 16 uses
    "prefer",  # 5/7 claims matched; gold cue in 38% of 24 uses
    "proposed",  # 15/23 claims matched; gold cue in 40% of 78 uses
    "questioned",  # 12/15 claims matched; gold cue in 69% of 36 uses
    "quoted",  # 3/4 claims matched; gold cue in 50% of 12 uses
    "railed against",  # 3/5 claims matched; gold cue in 89% of 9 uses
    "realized",  # 3/3 claims matched; gold cue in 33% of 9 uses
    "recognizes",  # 3/3 claims matched; gold cue in 38% of 8 uses
    "recounted",  # 2/3 claims matched; gold cue in 43% of 7 uses
    "referenced",  # 3/4 claims matched; gold cue in 100% of 7 uses
    "refused",  # 3/3 claims matched; gold cue in 46% of 54 uses
    "remembers",  # 3/3 claims matched; gold cue in 60% of 5 uses
    "requested",  # 2/3 claims matched; gold cue in 30% of 23 uses
    "retweeted",  # 2/3 claims matched; gold cue in 67% of 9 uses
    "rule out",  # 3/4 claims matched; gold cue in 30% of 10 uses
    "seeks",  # 3/4 claims matched; gold cue in 55% of 20 uses
    "sees",  # 12/14 claims matched; gold cue in 38% of 42 uses
    "slammed",  # 3/3 claims matched; gold cue in 71% of 14 uses
    "slams",  # 5/5 claims matched; gold cue in 89% of 9 uses
    "split on",  # 3/3 claims matched; gold cue in 60% of 5 uses
    "spoke about",  # 5/7 claims matched; gold cue in 91% of 11 uses
    "suggest",  # 15/18 claims matched; gold cue in 53% of 43 uses
    "talks about",  # 4/6 claims matched; gold cue in 60% of 15 uses
    "thanked",  # 2/3 claims matched; gold cue in 75% of 12 uses
    "threaten",  # 4/5 claims matched; gold cue in 30% of 10 uses
    "touted",  # 6/7 claims matched; gold cue in 73% of 11 uses
    "touts",  # 2/3 claims matched; gold cue in 100% of 3 uses
    "urged",  # 16/21 claims matched; gold cue in 74% of 46 uses
    "voted against",  # 4/6 claims matched; gold cue in 33% of 15 uses
    "vouched for",  # 2/3 claims matched; gold cue in 100% of 3 uses
    "vow",  # 2/4 claims matched; gold cue in 33% of 9 uses
    "warn",  # 3/4 claims matched; gold cue in 71% of 7 uses
    "welcomed",  # 3/4 claims matched; gold cue in 37% of 19 uses
    "wondered",  # 3/3 claims matched; gold cue in 43% of 7 uses
)
