"""Times ways of making N staged files of SIZE bytes durable before renaming them into place.

    python3 scripts/fsync-strategies.py N SIZE ROUNDS [DIR]

none: no sync; seq: fsync each file as it is written (mlzone until 2026-12-07); par: fsync
them all from eight threads; syncfs: one syncfs(2) of the file system (Linux). Every
strategy but none then fsyncs the directories that gained entries. Prints the median, the
fastest and the slowest of ROUNDS runs in milliseconds. DIR defaults to ./fsync-bench, on the
file system to measure; it is removed and made again for each run.
"""
import os, time, ctypes, sys, shutil, statistics, concurrent.futures as cf
libc = ctypes.CDLL(None, use_errno=True)
N=int(sys.argv[1]); SIZE=int(sys.argv[2]); ROUNDS=int(sys.argv[3])
base=os.path.abspath(sys.argv[4] if len(sys.argv) > 4 else 'fsync-bench')
data=b'x'*SIZE
def run(strategy):
    shutil.rmtree(base, ignore_errors=True); os.makedirs(base)
    st=os.path.join(base,'.staging'); os.mkdir(st)
    t=time.perf_counter()
    fds=[]
    for i in range(N):
        fd=os.open(os.path.join(st,str(i)), os.O_WRONLY|os.O_CREAT, 0o644); os.write(fd,data)
        if strategy=='seq': os.fsync(fd); os.close(fd)
        else: fds.append(fd)
    if strategy=='par':
        with cf.ThreadPoolExecutor(8) as ex: list(ex.map(os.fsync, fds))
    if strategy=='syncfs':
        d=os.open(st, os.O_RDONLY); libc.syncfs(d); os.close(d)
    for fd in fds: os.close(fd)
    dirs=set()
    for i in range(N):
        dd=os.path.join(base,'d%d'%(i%5)); os.makedirs(dd,exist_ok=True); dirs.add(dd)
        os.rename(os.path.join(st,str(i)), os.path.join(dd,str(i)))
    if strategy!='none':
        for dd in list(dirs)+[base]:
            fd=os.open(dd,os.O_RDONLY); os.fsync(fd); os.close(fd)
    return (time.perf_counter()-t)*1000
res={s:[] for s in ['none','seq','par','syncfs']}
for _ in range(ROUNDS):
    for s in res: res[s].append(run(s))
shutil.rmtree(base, ignore_errors=True)
for s,v in res.items(): print(s, 'median %.1f min %.1f max %.1f ms'%(statistics.median(v),min(v),max(v)))
