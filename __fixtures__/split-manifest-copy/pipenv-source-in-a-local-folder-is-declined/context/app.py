import greet

print(greet.hello())
