# check=skip=StageNameCasing
FROM alpine AS Builder
