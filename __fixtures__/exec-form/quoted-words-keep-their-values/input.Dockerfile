FROM debian:12
CMD echo "hello world" 'single $quoted' a\ b
