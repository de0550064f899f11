echo "<Project/>" > version.props
