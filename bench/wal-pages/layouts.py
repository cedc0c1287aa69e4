# A model of one everyStep commit: a run row updated and the step's rows inserted, in several table layouts, with the
# store's pragmas; prints WAL frames per commit of the last run. Row sizes are the measured ones. usage: layouts.py [runs per layout]
import sqlite3, os, uuid, sys, time
def run(layout, node_b=270, hist_b=360, runs=4, steps=2000, ordered_ids=False):
    path = f'/tmp/wal-pages-{layout}.db'
    for f in (path, path+'-wal', path+'-shm'):
        if os.path.exists(f): os.remove(f)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute('pragma page_size=2048'); c.execute('pragma auto_vacuum=incremental'); c.execute('pragma journal_mode=wal')
    c.execute('pragma synchronous=normal'); c.execute('pragma wal_autocheckpoint=0')
    c.execute('create table Executions(Id text primary key, Version int, Data text)')
    if layout in ('current', 'history_norowid'):
        c.execute('create table NodeExecutions(ExecutionId text, Id text, Data text, primary key(ExecutionId, Id)) without rowid')
        if layout == 'current':
            c.execute('create table CheckpointHistory(ExecutionId text, Step int, State text, primary key(ExecutionId, Step))')
        else:
            c.execute('create table CheckpointHistory(ExecutionId text, Step int, State text, primary key(ExecutionId, Step)) without rowid')
    elif layout == 'nodes_rowid':
        c.execute('create table NodeExecutions(ExecutionId text, Id text, Data text, unique(ExecutionId, Id))')
        c.execute('create table CheckpointHistory(ExecutionId text, Step int, State text, primary key(ExecutionId, Step))')
    elif layout == 'one_row_rowid':
        c.execute('create table Steps(ExecutionId text, Step int, Id text, Data text, State text, unique(ExecutionId, Step))')
    elif layout == 'one_row_norowid':
        c.execute('create table Steps(ExecutionId text, Step int, Id text, Data text, State text, primary key(ExecutionId, Step)) without rowid')
    frames = 0; commits = 0
    for r in range(runs):
        eid = (f'{r:02d}' + str(uuid.uuid4())[2:]) if ordered_ids else str(uuid.uuid4())
        c.execute('insert into Executions values(?,0,?)', (eid, 'x'*300))
        for s in range(steps):
            if r == runs - 1 and s == 100:
                c.execute('pragma wal_checkpoint(truncate)'); start = os.path.getsize(path+'-wal'); commits = 0
            c.execute('begin immediate')
            c.execute('update Executions set Version=?, Data=? where Id=?', (s, 'y'*300, eid))
            nid = f'{time.time_ns():032x}'[:32] + '-000'
            if layout in ('current', 'history_norowid', 'nodes_rowid'):
                c.execute('insert into NodeExecutions values(?,?,?)', (eid, nid, 'n'*(node_b-72)))
                c.execute('insert into CheckpointHistory values(?,?,?)', (eid, s, 'h'*(hist_b-40)))
            else:
                c.execute('insert into Steps values(?,?,?,?,?)', (eid, s, nid, 'n'*(node_b-72), 'h'*(hist_b-40)))
            c.execute('commit'); commits += 1
        c.execute('pragma wal_checkpoint(truncate)') if r < runs - 1 else None
    end = os.path.getsize(path+'-wal')
    return (end - start - 32) / (2048 + 24) / commits
def spread(**kwargs):
    # Where a random run id lands in the keys moves the count by up to a page: report several runs.
    counts = sorted(run(**kwargs) for _ in range(SEEDS))
    return f'{sum(counts) / len(counts):.2f} ({counts[0]:.2f}-{counts[-1]:.2f})'
SEEDS = int(sys.argv[1]) if len(sys.argv) > 1 else 6
for layout, node_b, hist_b in [('current', 270, 526), ('current', 270, 360), ('history_norowid', 270, 360), ('nodes_rowid', 270, 360),
             ('current', 160, 360), ('one_row_rowid', 270, 360), ('one_row_norowid', 270, 360), ('one_row_norowid', 160, 300)]:
    print(layout, node_b, hist_b, spread(layout=layout, node_b=node_b, hist_b=hist_b), 'frames/commit')
for ordered in (False, True):
    print('current, 6 runs,', 'increasing' if ordered else 'random', 'run ids', spread(layout='current', runs=6, ordered_ids=ordered), 'frames/commit')
