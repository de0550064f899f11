FROM python:3.12
WORKDIR /srv
COPY [".", "/srv"]
RUN pip install -r requirements.txt
