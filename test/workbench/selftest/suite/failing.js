// Failing self-test entry: extensionTestsPath for the "exit non-zero" case.
const path = require('path');
const { runMocha } = require('./mochaRun');
exports.run = () => runMocha([path.join(__dirname, 'failing.test.js')]);
