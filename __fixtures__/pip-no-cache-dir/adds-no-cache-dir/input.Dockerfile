FROM python:3.12
RUN pip install -r requirements.txt
RUN pip3 install flask && python -m pip install gunicorn
RUN python3.12 -m pip install --upgrade pip
RUN /venv/bin/pip install .
