// Validates Kubernetes objects against the Kubernetes API's own schemas (kubernetes-models, generated from the
// OpenAPI of Kubernetes 1.3x): reads the multi-document YAML `kubectl kustomize` renders on stdin, validates each object
// with the model of its apiVersion and kind, and prints the objects as one JSON array on success. Exit 1 on the first
// invalid or unknown object, naming it and what is wrong.
import { parseAllDocuments } from "yaml";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const objects = parseAllDocuments(Buffer.concat(chunks).toString("utf8"))
  .map((document) => document.toJSON())
  .filter((object) => object !== null);
if (objects.length === 0) {
  console.error("no objects on stdin");
  process.exit(1);
}

for (const object of objects) {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  const module = group === "" ? `kubernetes-models/${version}/${object.kind}` : `kubernetes-models/${group}/${version}/${object.kind}`;
  const name = `${object.kind} ${object.metadata?.name ?? "(no name)"}`;
  let Model;
  try {
    Model = (await import(module))[object.kind];
  } catch {
    console.error(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
    process.exit(1);
  }
  try {
    new Model(object).validate();
  } catch (error) {
    console.error(`${name} is not valid: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

console.log(JSON.stringify(objects));
