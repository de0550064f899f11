import mylib; print(mylib.VALUE)
