#!/bin/bash
# Runs `measure chain ${NODES:-1999} 1` in a built WORKTREE and copies its database and -wal SNAPS times, GAP s apart, while it
# runs. usage: capture.sh WORKTREE OUTDIR (absolute), then sum.py OUTDIR. Env: WARM (warm-up runs), NODES, SNAPS, GAP, WALMIN.
wt=$1; out=$2; mkdir -p $out
before=$(ls -d /tmp/processstudio-measure-* 2>/dev/null)
cd $wt && MEASURE_WARMUP=${WARM:-1} MEASURE_ROUNDS=1 dotnet run -c Release --no-build --project bench/ProcessStudio.Bench -- measure chain ${NODES:-1999} 1 > $out/bench.log 2>&1 &
pid=$!
dir=""
for i in $(seq 1 600); do
  sleep 0.5
  for d in /tmp/processstudio-measure-*; do echo "$before" | grep -qx "$d" || dir=$d; done
  [ -n "$dir" ] && [ -f $dir/*.db-wal ] && [ $(stat -c %s $dir/*.db-wal) -gt ${WALMIN:-6000000} ] && break
done
for k in $(seq 1 ${SNAPS:-4}); do sleep ${GAP:-3}; cp $dir/*.db $out/copy$k.db; cp $dir/*.db-wal $out/copy$k.db-wal; done
wait $pid
cat $out/bench.log | tail -3
