// A stand-in for the `vscode` module, enough for dist/client.js to load (see activation.cjs):
// every property is a harmless constructor-or-function that returns another stand-in.
function make() {
  const target = function () {};
  return new Proxy(target, {
    get: (_, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : make()),
    apply: () => make(),
    construct: () => make(),
  });
}
module.exports = make();
