/** README, CHANGELOG and LICENSE of a new pack (create) — the files `publish` checks for. */

export interface DocsInput {
  name: string;
  title: string;
  description: string;
  version: string;
  /** ISO date (YYYY-MM-DD) for the CHANGELOG entry and the licence year. */
  date: string;
  rdf: boolean;
}

export function readmeText(d: DocsInput): string {
  const rdf = d.rdf
    ? `
## Data and queries

\`graphs/domain.ttl\` is a small RDF model; \`queries/entities.rq\` selects its entities, and
\`templates/project/{{project_name}}/docs/entity.md.mustache\` writes one page per row
(\`foreach: entities\` in its front matter). Pass your own model with \`--data model.ttl\`.
`
    : '';
  return `# ${d.title}

${d.description}

## Usage

\`\`\`bash
ggen-pack generate ./${d.name} --output my-project --var project_name=my-project
\`\`\`

## Variables

| name | type | default | description |
|---|---|---|---|
| \`project_name\` | string | \`my-project\` | Name of the generated project (kebab-case) |
| \`project_description\` | string | see pack.toml | One-line description written into the generated README |
${rdf}
## Developing this pack

\`\`\`bash
ggen-pack validate ./${d.name}
ggen-pack score ./${d.name}          # what to add before publishing (needs > 80)
ggen-pack publish ./${d.name} --dry-run
\`\`\`

Templates live in \`templates/project/\`: files ending \`.mustache\` are rendered (the suffix is
dropped), every other file is copied as it is, and every path is itself a template.
`;
}

export function changelogText(d: DocsInput): string {
  return `# Changelog

All notable changes to this pack are documented in this file. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/) and the pack uses semantic versioning.

## [${d.version}] - ${d.date}

### Added

- First version of ${d.title}, scaffolded with \`ggen-pack create\`.
`;
}

export function mitLicenseText(year: string, holder: string): string {
  return `MIT License

Copyright (c) ${year} ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
}
