import acme_metrics
acme_metrics.emit("startup", 1)
