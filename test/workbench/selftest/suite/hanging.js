// Hanging self-test entry: run() never settles, to prove the runner's timeout kills everything.
exports.run = () => {
  console.log('SELFTEST-HANGING: run() will never settle');
  return new Promise(() => {});
};
