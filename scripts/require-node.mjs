// The portal runs on the Node 24 that `npm install` puts in node_modules/.bin
// (the node-linux-* packages in optionalDependencies), which npm scripts find
// before the system's. Started any other way, it says so in one line and stops.
export const REQUIRED_NODE_MAJOR = 24;

export function runtimeProblem(version) {
  if (Number(version.split('.')[0]) === REQUIRED_NODE_MAJOR) return null;
  return (
    `[whatson] not starting: this is Node ${version}, the portal needs Node ${REQUIRED_NODE_MAJOR}; ` +
    `run it through npm (npm start, npm test, npm run …) after npm install, which brings Node ${REQUIRED_NODE_MAJOR} on Linux x64 and arm64; elsewhere install Node ${REQUIRED_NODE_MAJOR} LTS first.`
  );
}

const problem = runtimeProblem(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
