// Pin a transitive-free package to an older release across the whole tree.
export const hooks = {
  readPackage(pkg) {
    if (pkg.dependencies && pkg.dependencies.ms) pkg.dependencies.ms = '2.1.2'
    return pkg
  },
}
