FROM debian:bookworm
# scratch space: a fresh tmpfs per step (pass --build-arg SCRATCH=cache to keep it between builds)
ARG SCRATCH=tmpfs
RUN --mount=type=$SCRATCH,target=/scratch mkdir /scratch/work && echo a > /scratch/work/part && cp /scratch/work/part /opt/a && \
    mkdir /scratch/work && echo b > /scratch/work/part && cp /scratch/work/part /opt/b
