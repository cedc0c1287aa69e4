# Sums walframes.py over every copy a capture took. usage: sum.py OUTDIR...
import os
import subprocess, sys, glob, re, collections
for d in sys.argv[1:]:
    tot = collections.Counter(); n = 0
    for db in sorted(glob.glob(d + '/copy*.db')):
        if not os.path.exists(db + '-wal'): continue
        out = subprocess.run(['python3', os.path.join(os.path.dirname(__file__), 'walframes.py'), db, db + '-wal'], capture_output=True, text=True).stdout
        m = re.search(r'commits (\d+)', out)
        if not m: continue
        c = int(m.group(1)); n += c
        for line in out.splitlines()[1:]:
            name, v = line.rsplit(None, 1); tot[name.strip()] += float(v) * c
    print(f"{d}: {n} commits, {sum(tot.values())/n:.2f} frames/commit")
    for k, v in tot.most_common(): print(f"   {k:40s} {v/n:.2f}")
