{ "targets": [ { "target_name": "hash", "sources": ["hash.c"] } ] }
