/** The pack.toml of a new pack (create): complete enough to validate clean and score Beta or better. */
import { tomlString, tomlStringArray } from './text';

export interface ManifestInput {
  name: string;
  title: string;
  description: string;
  category: string;
  version: string;
  rdf: boolean;
}

export function scaffoldManifest(m: ManifestInput): string {
  const rdf = m.rdf
    ? `
# RDF data the queries run over; \`generate --data <file>\` adds the user's own model.
[rdf]
files = ["graphs/domain.ttl"]
prefixes = { ex = "https://example.org/${m.name}#", rdfs = "http://www.w3.org/2000/01/rdf-schema#" }

[[queries]]
name = "entities"
description = "Every class of the domain model with its label and comment, by name"
source = { type = "file", path = "queries/entities.rq" }
`
    : '';
  const tags = m.rdf ? [m.category, 'starter', 'rdf'] : [m.category, 'starter', 'mustache'];
  return `[metadata]
name = ${tomlString(m.name)}
version = ${tomlString(m.version)}
title = ${tomlString(m.title)}
description = ${tomlString(m.description)}
category = ${tomlString(m.category)}
tags = ${tomlStringArray([...new Set(tags)])}
license = "MIT"
# Before publishing, add: repository = "https://…", homepage = "https://…", and
# [metadata.author] with name and email (\`ggen-pack score\` lists what raises the score).

[[templates]]
alias = "project"
priority = 10
source = { type = "local", path = "templates/project" }

[templates.config]
skip_if_exists = false
overwrite = false
${rdf}
[[variables]]
name = "project_name"
description = "Name of the generated project (kebab-case)"
type = "string"
default = "my-project"
prompt = "Project name?"
examples = ["my-project"]

[variables.validation]
pattern = "^[a-z][a-z0-9-]*$"
min_length = 2
max_length = 50

[[variables]]
name = "project_description"
description = "One-line description written into the generated README"
type = "string"
default = ${tomlString(`A project generated from ${m.name}`)}
prompt = "Describe the project in one line"

[variables.validation]
min_length = 1
max_length = 200

[[examples]]
name = "basic"
description = "Generate the starter project with the default description"
command = ${tomlString(`ggen-pack generate ./${m.name} --output my-project --var project_name=my-project`)}
variables = { project_name = "my-project" }
expected_output = ${tomlString(
    m.rdf
      ? 'my-project/README.md, my-project/src/index.js and one my-project/docs/<Entity>.md per class of the domain model'
      : 'my-project/README.md and my-project/src/index.js under the output folder',
  )}
`;
}
