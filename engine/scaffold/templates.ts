/**
 * Template, RDF and query files of a new pack (create). Paths are relative to the pack root; the
 * `{{project_name}}` folder shows that paths are templates too.
 */

const ROOT = 'templates/project/{{project_name}}';

export function scaffoldTemplateFiles(rdf: boolean): Record<string, string> {
  const files: Record<string, string> = {
    [`${ROOT}/README.md.mustache`]: `# {{project_name}}

{{project_description}}
${rdf ? '\n## Domain\n\n{{#queries.entities}}\n- [{{label}}](docs/{{name}}.md): {{comment}}\n{{/queries.entities}}\n' : ''}`,
    [`${ROOT}/src/index.js.mustache`]: `// {{project_name}}: {{project_description}}
console.log('Hello from {{project_name}}');
`,
  };
  if (rdf) {
    files[`${ROOT}/docs/entity.md.mustache`] = `---
foreach: entities
to: "{{project_name}}/docs/{{name}}.md"
---
# {{label}}

{{comment}}

Part of the {{project_name}} domain model.
`;
  }
  return files;
}

export function scaffoldRdfFiles(name: string): Record<string, string> {
  return {
    'graphs/domain.ttl': `@prefix ex: <https://example.org/${name}#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:Customer a rdfs:Class ;
  rdfs:label "Customer" ;
  rdfs:comment "A person or company that places orders." .

ex:Order a rdfs:Class ;
  rdfs:label "Order" ;
  rdfs:comment "A request for products, placed by a customer." .
`,
    'queries/entities.rq': `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

# One row per class: name (the IRI's local part), label and comment.
SELECT ?name ?label ?comment WHERE {
  ?class a rdfs:Class ;
    rdfs:label ?label ;
    rdfs:comment ?comment .
  BIND(STRAFTER(STR(?class), "#") AS ?name)
}
ORDER BY ?name
`,
  };
}
