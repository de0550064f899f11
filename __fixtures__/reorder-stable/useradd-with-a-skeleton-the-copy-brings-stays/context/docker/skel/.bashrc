export PS1="app> "
