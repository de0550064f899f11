export FOO=set
