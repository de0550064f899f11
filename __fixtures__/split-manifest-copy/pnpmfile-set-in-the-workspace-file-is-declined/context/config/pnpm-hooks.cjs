// Pin ms for the whole tree (policy of the platform team).
function readPackage(pkg) {
  if (pkg.name === 'shop') pkg.dependencies.ms = '2.0.0';
  return pkg;
}
module.exports = { hooks: { readPackage } };
