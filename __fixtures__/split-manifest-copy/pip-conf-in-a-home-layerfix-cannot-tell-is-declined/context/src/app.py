from greeting import hello; print(hello("world"))
