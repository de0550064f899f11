FROM debian:12
# layerfix-disable-next-line add-to-copy -- kept for the review
ADD app.py /app/
