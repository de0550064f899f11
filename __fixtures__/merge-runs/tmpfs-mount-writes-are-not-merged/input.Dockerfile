FROM debian:bookworm
RUN --mount=type=tmpfs,target=/scratch echo "intermediate" > /scratch/state
RUN --mount=type=tmpfs,target=/scratch ls -A /scratch > /etc/scratch-at-start
