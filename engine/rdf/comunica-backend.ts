// placeholder replaced by the rdf module
export {};
