FROM debian:bookworm
# BuildKit reads mount keys and the type in any case: this is a fresh tmpfs in each RUN
RUN --mount=Type=TMPFS,target=/scratch mkdir /scratch/work && echo a > /scratch/work/part && cp /scratch/work/part /opt/a
RUN --mount=Type=TMPFS,target=/scratch mkdir /scratch/work && echo b > /scratch/work/part && cp /scratch/work/part /opt/b
