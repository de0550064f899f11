plugins { java }
version = file("VERSION").readText().trim()
