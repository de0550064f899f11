FROM debian:bookworm
RUN --mount=type=tmpfs,target=/scratch echo "intermediate" > /scratch/state && \
    ls -A /scratch > /etc/scratch-at-start
