# Counts WAL frames per commit per b-tree of a copied database and its -wal (first and last 5 commits left out). usage: walframes.py copy.db copy.db-wal
import struct, sys, sqlite3, collections
db, wal = sys.argv[1], sys.argv[2]
data = open(wal, 'rb').read()
import shutil; shutil.copy(db, db+'.x'); shutil.copy(wal, db+'.x-wal'); db = db+'.x'
magic, ver, pagesize, ckpt, salt1, salt2, c1, c2 = struct.unpack('>IIIIIIII', data[:32])
frames = []
off = 32
while off + 24 + pagesize <= len(data):
    pgno, commit, s1, s2 = struct.unpack('>IIII', data[off:off+16])
    if (s1, s2) != (salt1, salt2): break
    frames.append((pgno, commit))
    off += 24 + pagesize
con = sqlite3.connect(db)
names = dict(con.execute("select pageno, name from dbstat"))
commits = []
cur = []
for pgno, commit in frames:
    cur.append(pgno)
    if commit:
        commits.append(cur); cur = []
# skip first/last few commits
commits = commits[5:-5]
tot = collections.Counter()
for c in commits:
    for p in c:
        tot[names.get(p, 'hdr/ptrmap' if p == 1 else 'other/freelist/ptrmap')] += 1
n = len(commits)
print(f"pagesize {pagesize}, commits {n}, frames/commit {sum(tot.values())/n:.2f}")
for k, v in tot.most_common():
    print(f"  {k:40s} {v/n:.2f}")
