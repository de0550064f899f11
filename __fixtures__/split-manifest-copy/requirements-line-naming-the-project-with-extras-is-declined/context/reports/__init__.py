TITLE = "Monthly"
