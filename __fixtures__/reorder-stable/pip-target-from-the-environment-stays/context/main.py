import hello; print(hello.X)
