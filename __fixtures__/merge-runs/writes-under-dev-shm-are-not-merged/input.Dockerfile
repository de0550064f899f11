FROM debian:bookworm
# build scratch in memory, one folder per step
RUN mkdir /dev/shm/rt17-work && echo a > /dev/shm/rt17-work/part && cp /dev/shm/rt17-work/part /opt/a
RUN mkdir /dev/shm/rt17-work && echo b > /dev/shm/rt17-work/part && cp /dev/shm/rt17-work/part /opt/b
