// node deploy/validate/circleci.js FILE: validates a CircleCI config offline (NOTES §11).
const fs = require('fs');
const YAML = require('yaml');
const parser = require('@circleci/circleci-config-parser');
const { mapping } = require('@circleci/circleci-config-sdk');

const config = YAML.parse(fs.readFileSync(process.argv[2], 'utf8'));
const result = parser.Validator.validateGenerable(mapping.GenerableType.CONFIG, config);
if (result !== true) {
  console.error(JSON.stringify(result.errors.slice(0, 5)));
  process.exit(1);
}
try {
  parser.parseConfig(config);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
console.log('valid');
