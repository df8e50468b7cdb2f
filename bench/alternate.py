#!/usr/bin/env python3
"""Times commands side by side: each round runs every command once, in turn, each on a fresh database
made by --prepare (not timed), so load on the machine hits all of them alike. Prints the median and
range per command, and the ratio of each to the first.

usage: alternate.py --rounds N --prepare 'CMD {db}' NAME 'CMD {db}' [NAME 'CMD {db}' ...]
"""
import argparse, json, shlex, statistics, subprocess, sys, time, uuid

parser = argparse.ArgumentParser()
parser.add_argument("--rounds", type=int, default=7)
parser.add_argument("--warmup", type=int, default=1)
parser.add_argument("--prepare", required=True, help="command run before each timed run; {db} is a fresh name")
parser.add_argument("--export", help="write the raw timings as JSON here")
parser.add_argument("pairs", nargs="+")
args = parser.parse_args()
commands = list(zip(args.pairs[0::2], args.pairs[1::2]))
timings = {name: [] for name, _ in commands}

def run(command, db):
    subprocess.run(args.prepare.format(db=db), shell=True, check=True, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    subprocess.run(command.format(db=db), shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start

for round_number in range(args.warmup + args.rounds):
    for name, command in commands:
        elapsed = run(command, "bench_" + uuid.uuid4().hex[:12])
        if round_number >= args.warmup:
            timings[name].append(elapsed)

base = statistics.median(timings[commands[0][0]])
for name, _ in commands:
    t = timings[name]
    median = statistics.median(t)
    print(f"{name:<44} median {median*1000:8.1f} ms   (min {min(t)*1000:.1f}, max {max(t)*1000:.1f})   x{median/base:.2f} of {commands[0][0]}")
if args.export:
    json.dump(timings, open(args.export, "w"), indent=2)
