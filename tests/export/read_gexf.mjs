// Parse a GEXF file with graphology-gexf (an independent reader) and print
// JSON: {order, size, type, multi, nodes: {id: attributes}, edges: [{source,
// target, attributes}]}. Usage: node tests/export/read_gexf.mjs FILE.gexf
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const {MultiGraph} = require('graphology');
const gexf = require('graphology-gexf');

const graph = gexf.parse(MultiGraph, readFileSync(process.argv[2], 'utf-8'));
const nodes = {};
graph.forEachNode((id, attributes) => { nodes[id] = attributes; });
const edges = [];
graph.forEachEdge((key, attributes, source, target) => { edges.push({key, source, target, attributes}); });
process.stdout.write(JSON.stringify({order: graph.order, size: graph.size, type: graph.type,
                                     multi: graph.multi, nodes, edges}));
