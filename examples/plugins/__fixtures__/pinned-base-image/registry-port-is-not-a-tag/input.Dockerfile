FROM registry.local:5000/team/base
FROM registry.local:5000/team/app:1.2.3
