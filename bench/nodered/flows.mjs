// The compared workloads, as Node-RED flows and as equivalent ProcessStudio workflows. Each workload is an HTTP
// endpoint on both sides, so the driver measures both the same way: one request, one answer.

const SPACING = 10;

/** HTTP in → N change nodes → HTTP out. "literal" sets payload.v to a string, "expression" computes payload.x + 1. */
export function nodeRedChain(n, kind) {
  const tab = `chain-${kind}-${n}`;
  const ids = Array.from({ length: n }, (_, i) => `${tab}-c${i}`);
  const out = `${tab}-out`;
  const rule = kind === 'literal'
    ? { t: 'set', p: 'payload.v', pt: 'msg', to: 'v', tot: 'str' }
    : { t: 'set', p: 'payload.x', pt: 'msg', to: 'payload.x + 1', tot: 'jsonata' };
  return [
    { id: tab, type: 'tab', label: tab },
    { id: `${tab}-in`, type: 'http in', z: tab, url: `/${tab}`, method: 'post', x: 0, y: 0, wires: [[ids[0] ?? out]] },
    ...ids.map((id, i) => ({ id, type: 'change', z: tab, rules: [rule], x: (i + 1) * SPACING, y: 0, wires: [[ids[i + 1] ?? out]] })),
    { id: out, type: 'http response', z: tab, statusCode: '', headers: {}, x: (n + 1) * SPACING, y: 0, wires: [] },
  ];
}

/** HTTP in → split → change → join (automatic, rebuilds the array) → HTTP out. */
export function nodeRedSplitJoin(items) {
  const tab = `split-${items}`;
  return [
    { id: tab, type: 'tab', label: tab },
    { id: `${tab}-in`, type: 'http in', z: tab, url: `/${tab}`, method: 'post', wires: [[`${tab}-split`]] },
    { id: `${tab}-split`, type: 'split', z: tab, splt: '\\n', spltType: 'str', arraySplt: 1, arraySpltType: 'len', stream: false, addname: '', wires: [[`${tab}-set`]] },
    { id: `${tab}-set`, type: 'change', z: tab, rules: [{ t: 'set', p: 'payload.last', pt: 'msg', to: 'payload.id', tot: 'jsonata' }], wires: [[`${tab}-join`]] },
    { id: `${tab}-join`, type: 'join', z: tab, mode: 'auto', build: 'array', property: 'payload', propertyType: 'msg', joiner: '\\n', joinerType: 'str', accumulate: false, timeout: '', count: '', reduceRight: false, wires: [[`${tab}-count`]] },
    { id: `${tab}-count`, type: 'change', z: tab, rules: [{ t: 'set', p: 'payload', pt: 'msg', to: '{"count": $count(payload)}', tot: 'jsonata' }], wires: [[`${tab}-out`]] },
    { id: `${tab}-out`, type: 'http response', z: tab, statusCode: '', headers: {}, wires: [] },
  ];
}

const node = (id, type, name, x, settings) => ({ id, type, name, position: { x, y: 0 }, settings });
const link = (sourceNodeId, targetNodeId, sourcePort = 'out') => ({ sourceNodeId, sourcePort, targetNodeId, targetPort: 'in' });

function hook(path, responseTimeout) {
  return node('hook', 'webhook-trigger', 'Hook', 0, { path, method: 'POST', responseMode: 'wait', responseTimeout });
}

function workflow(name, nodes, connections, variables = []) {
  return {
    schemaVersion: 1, name, description: 'Node-RED comparison (bench/nodered)', variables, nodes, connections,
    // No retries and no activation limit in the way: the comparison measures the steps themselves.
    settings: { defaultRetryPolicy: 'None', maxConcurrency: 1, maxActivations: 1000000 },
  };
}

/** Webhook (waits for the answer) → N Set Variables → Respond, the same work as {@link nodeRedChain}. */
export function studioChain(n, kind) {
  const path = `chain-${kind}-${n}`;
  const variable = kind === 'literal' ? { name: 'v', value: 'v' } : { name: 'x', value: '{{ $vars.x + 1 }}' };
  const sets = Array.from({ length: n }, (_, i) => node(`s${i}`, 'set-variables', `Set ${i}`, (i + 1) * SPACING, { variables: [variable] }));
  const respond = node('respond', 'respond', 'Respond', (n + 1) * SPACING, { status: 200, body: '{{ $vars }}' });
  const ids = ['hook', ...sets.map(s => s.id), 'respond'];
  return workflow(path, [hook(path, '1m'), ...sets, respond], ids.slice(1).map((id, i) => link(ids[i], id)),
    kind === 'literal' ? [] : [{ name: 'x', default: 0 }]);
}

/** Webhook → For Each (sequential) with one Set Variables body → Respond with the number of results. */
export function studioSplitJoin(items, responseTimeout) {
  const path = `split-${items}`;
  return workflow(path, [
    hook(path, responseTimeout),
    node('each', 'for-each', 'Each', 10, { items: '$json.body', mode: 'sequential' }),
    node('set', 'set-variables', 'Set', 20, { variables: [{ name: 'last', value: '{{ $item.id }}' }] }),
    node('respond', 'respond', 'Respond', 30, { status: 200, body: { count: '{{ count($json) }}' } }),
  ], [link('hook', 'each'), link('each', 'set', 'item'), link('each', 'respond', 'done')]);
}

/** The request body of a split-join: small objects of about 30 characters. */
export function items(count) {
  return Array.from({ length: count }, (_, i) => ({ id: i, name: `item-${i}` }));
}
