/*
 * The Managed Queues dashboard: plain JavaScript over the admin REST API beside this page.
 * Every value from the server goes into the page as text (textContent), never as HTML.
 * Each panel re-renders only when its data changed, so buttons stay put between refreshes.
 */
(function () {
    'use strict';

    const REFRESH_MS = 2000;
    const COUNTED = ['WAITING', 'DELAYED', 'ACTIVE', 'COMPLETED', 'FAILED', 'CANCELLED'];
    // origin + path, never location.href: a URL with user:password@ in it cannot be fetched
    const API = location.origin + (new URLSearchParams(location.search).get('api')
        || location.pathname.replace(/[^/]*$/, '') + 'api/');

    const state = {me: null, queues: [], selectedQueue: null, cursor: null, cursors: [], detailId: null, rendered: {}};

    const $ = (id) => document.getElementById(id);

    function el(tag, attrs, ...children) {
        const node = document.createElement(tag);
        Object.entries(attrs || {}).forEach(([name, value]) => {
            if (value === undefined || value === null || value === false) return;
            if (name === 'class') node.className = value;
            else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
            else node.setAttribute(name, value === true ? '' : value);
        });
        children.flat().forEach((child) => {
            if (child === undefined || child === null) return;
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
        });
        return node;
    }

    // a job id's '/' stays as it is (servers refuse %2F in paths); everything else is encoded
    const jobPath = (id) => encodeURIComponent(id).replace(/%2F/gi, '/');
    const queueKey = (q) => q.plugin + '|' + q.queue;

    async function api(method, path, body) {
        const headers = {'Accept': 'application/json'};
        if (method !== 'GET') headers['X-Managed-Queue-CSRF'] = '1';
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        const response = await fetch(API + path, {
            method, headers, credentials: 'same-origin',
            body: body === undefined ? undefined : JSON.stringify(body)
        });
        const text = await response.text();
        const json = text ? JSON.parse(text) : null;
        if (!response.ok) {
            const error = new Error((json && json.error) || response.status + ' ' + response.statusText);
            error.status = response.status;
            throw error;
        }
        return json;
    }

    function age(seconds) {
        if (seconds === null || seconds === undefined) return '–';
        if (seconds < 60) return seconds.toFixed(seconds < 10 ? 1 : 0) + ' s';
        if (seconds < 3600) return Math.floor(seconds / 60) + ' min';
        if (seconds < 86400) return (seconds / 3600).toFixed(1) + ' h';
        return (seconds / 86400).toFixed(1) + ' d';
    }

    const since = (instant) => instant ? age((Date.now() - Date.parse(instant)) / 1000) + ' ago' : '–';
    const timeEl = (instant) => el('span', {title: instant || ''}, instant ? new Date(instant).toLocaleString() : '–');

    function show(id, text) {
        const box = $(id);
        box.textContent = text || '';
        box.hidden = !text;
    }

    /** Re-renders a panel only when its data differ from what it shows. */
    function renderIfChanged(key, data, render) {
        const json = JSON.stringify(data);
        if (state.rendered[key] === json) return;
        state.rendered[key] = json;
        render(data);
    }

    async function act(description, method, path, body) {
        try {
            const result = await api(method, path, body);
            const count = result && result.count ? ' (' + result.count + ' jobs)' : '';
            show('message', description + count);
            show('error', '');
        } catch (e) {
            show('error', description + ' failed: ' + e.message);
        }
        state.rendered = {};
        await refresh();
    }

    // ---- queues -------------------------------------------------------------------------

    function renderQueues(queues) {
        const body = $('queues').tBodies[0];
        body.replaceChildren(...queues.map(queueRow));
        $('queues-empty').hidden = queues.length > 0;
        renderQueueChoice(queues);
    }

    function queueRow(q) {
        const key = queueKey(q);
        const t = q.throughput || {};
        const waiting = q.counts.WAITING + (q.counts.WAITING_CHILDREN ? ' + ' + q.counts.WAITING_CHILDREN + ' parents' : '');
        const status = [q.paused ? el('span', {class: 'badge paused', 'data-role': 'paused'}, 'paused')
            : el('span', {class: 'badge running'}, 'running')];
        if (q.noWorker) {
            status.push(' ', el('span', {
                class: 'badge no-worker', 'data-role': 'no-worker',
                title: 'jobs wait that no live worker handles: ' + q.unhandledJobNames.join(', ')
            }, 'no worker'));
        }
        const canPause = state.me && state.me.mayChangeQueues;
        return el('tr', {'data-queue': key, class: key === state.selectedQueue ? 'selected' : null},
            el('td', {},
                el('span', {class: 'queue-name link', onclick: () => selectQueue(key, 'FAILED')}, q.plugin + ' / ' + q.queue),
                el('span', {class: 'job-names'}, q.jobNames.join(', '))),
            el('td', {class: 'num', 'data-count': 'WAITING'}, waiting),
            ...COUNTED.slice(1).map((s) => el('td', {
                class: 'num count-' + s + (q.counts[s] > 0 ? ' nonzero' : ''), 'data-count': s
            }, el('span', {class: 'link', onclick: () => selectQueue(key, s)}, q.counts[s]))),
            el('td', {class: 'num', 'data-role': 'throughput'},
                '✓ ' + t.completedLastMinute + ' ✗ ' + t.failedLastMinute + ' · ✓ ' + t.completedLastHour + ' ✗ ' + t.failedLastHour),
            el('td', {class: 'num', 'data-role': 'oldest-waiting'}, age(q.oldestWaitingSeconds)),
            el('td', {class: 'num', 'data-role': 'live-workers'}, q.liveWorkers),
            el('td', {}, status),
            el('td', {}, canPause ? el('button', {
                type: 'button', 'data-action': q.paused ? 'resume' : 'pause', 'data-queue': key,
                onclick: () => act((q.paused ? 'Resumed ' : 'Paused ') + q.queue, 'POST',
                    'queue/' + (q.paused ? 'resume' : 'pause'), {plugin: q.plugin, queue: q.queue})
            }, q.paused ? 'Resume' : 'Pause') : null));
    }

    function renderQueueChoice(queues) {
        const select = $('job-queue');
        select.replaceChildren(...queues.map((q) => el('option', {value: queueKey(q)}, q.plugin + ' / ' + q.queue)));
        if (!state.selectedQueue || !queues.some((q) => queueKey(q) === state.selectedQueue)) {
            const failing = queues.find((q) => q.counts.FAILED > 0) || queues[0];
            state.selectedQueue = failing ? queueKey(failing) : null;
        }
        if (state.selectedQueue) select.value = state.selectedQueue;
    }

    function selectQueue(key, jobState) {
        state.selectedQueue = key;
        $('job-state').value = jobState;
        state.cursor = null;
        state.rendered = {};
        refresh();
    }

    // ---- jobs ---------------------------------------------------------------------------

    async function loadJobs() {
        const q = state.queues.find((x) => queueKey(x) === state.selectedQueue);
        if (!q) {
            renderIfChanged('jobs', [], renderJobs);
            return;
        }
        const params = new URLSearchParams({plugin: q.plugin, queue: q.queue, state: $('job-state').value, limit: '20'});
        if (state.cursor) params.set('cursor', state.cursor);
        const page = await api('GET', 'jobs?' + params);
        state.nextCursor = page.nextCursor || null;
        renderIfChanged('jobs', page.jobs, renderJobs);
        const canRetryAll = state.me && state.me.mayChangeQueues && $('job-state').value === 'FAILED' && q.counts.FAILED > 0;
        const retryAll = $('retry-all');
        retryAll.hidden = !canRetryAll;
        retryAll.dataset.queue = queueKey(q);
        retryAll.onclick = () => act('Retried the failed jobs of ' + q.queue, 'POST', 'queue/retry-all',
            {plugin: q.plugin, queue: q.queue, state: 'FAILED'});
        $('jobs-next').hidden = !state.nextCursor;
    }

    function renderJobs(jobs) {
        $('jobs').tBodies[0].replaceChildren(...jobs.map(jobRow));
        $('jobs-empty').hidden = jobs.length > 0;
    }

    function jobRow(job) {
        return el('tr', {'data-job-id': job.id, 'data-state': job.state, class: job.id === state.detailId ? 'selected' : null},
            el('td', {}, el('span', {class: 'link', 'data-action': 'detail', onclick: () => openDetail(job.id)},
                job.job + ' · ' + shortId(job.id))),
            el('td', {}, job.tenantId || 'system'),
            el('td', {class: 'state state-' + job.state}, job.state),
            el('td', {class: 'num'}, job.attemptsMade + ' / ' + job.maxAttempts),
            el('td', {class: 'error'}, job.lastError || ''),
            el('td', {title: job.finishedAt || job.startedAt || job.enqueuedAt},
                since(job.finishedAt || job.startedAt || job.enqueuedAt)),
            el('td', {}, jobButtons(job)));
    }

    const shortId = (id) => id.substring(id.lastIndexOf('|') + 1);

    function jobButtons(job) {
        if (!state.me || !state.me.mayChangeJobs) return [];
        const buttons = [];
        const button = (action, label, method, path, body) => buttons.push(el('button', {
            type: 'button', 'data-action': action, 'data-job-id': job.id,
            onclick: () => act(label + ' ' + shortId(job.id), method, path, body)
        }, label));
        if (job.state === 'FAILED' || job.state === 'CANCELLED') button('retry', 'Retry', 'POST', 'jobs/retry', {jobId: job.id});
        if (job.state === 'DELAYED') button('promote', 'Run now', 'POST', 'jobs/promote', {jobId: job.id});
        if (['WAITING', 'DELAYED', 'WAITING_CHILDREN'].includes(job.state)) button('cancel', 'Cancel', 'DELETE', 'jobs/' + jobPath(job.id));
        return buttons;
    }

    // ---- one job ------------------------------------------------------------------------

    function openDetail(id) {
        state.detailId = id;
        state.rendered = {};
        refresh();
    }

    async function loadDetail() {
        const panel = $('job-detail');
        if (!state.detailId) {
            panel.hidden = true;
            return;
        }
        try {
            renderIfChanged('detail', await api('GET', 'jobs/' + jobPath(state.detailId)), renderDetail);
            panel.hidden = false;
        } catch (e) {
            if (e.status !== 404) throw e;
            state.detailId = null; // removed by retention or clean
            panel.hidden = true;
        }
    }

    function renderDetail(job) {
        const panel = $('job-detail');
        panel.dataset.jobId = job.id;
        const field = (name) => panel.querySelector('[data-field="' + name + '"]');
        field('id').textContent = job.id;
        field('state').textContent = job.state;
        field('state').className = 'state state-' + job.state;
        field('address').textContent = job.plugin + ' / ' + job.queue + ' / ' + job.job;
        field('tenant').textContent = (job.tenantId || 'system-wide') + (job.organizationId ? ' · ' + job.organizationId : '');
        field('attempts').textContent = job.attemptsMade + ' of ' + job.maxAttempts;
        field('progress').value = job.progress;
        field('progress-text').textContent = job.progress + ' %';
        ['enqueuedAt', 'runAt', 'startedAt', 'finishedAt'].forEach((name) => field(name).replaceChildren(timeEl(job[name])));
        field('lastError').textContent = job.lastError || '(none)';
        field('logLines').textContent = job.logLines && job.logLines.length ? job.logLines.join('\n') : '(no log lines)';
        field('payload-block').hidden = job.payload === undefined || job.payload === null;
        field('payload').textContent = job.payload || '';
        panel.querySelector('.detail-actions').replaceChildren(...jobButtons(job));
    }

    // ---- workers ------------------------------------------------------------------------

    async function loadWorkers() {
        if (state.me && state.me.access === 'TENANT_USER') {
            // the platform shows workers to operators and viewers only
            $('workers').hidden = true;
            $('workers-note').textContent = 'Workers are shown to operators and viewers.';
            $('workers-note').hidden = false;
            return;
        }
        const workers = await api('GET', 'workers');
        // the heartbeat age changes on every refresh: render it without the change check
        $('workers').tBodies[0].replaceChildren(...workers.map((w) => el('tr', {'data-worker-id': w.id},
            el('td', {}, el('code', {}, w.id)),
            el('td', {}, w.host),
            el('td', {title: w.startedAt}, since(w.startedAt)),
            el('td', {'data-role': 'heartbeat-age'}, age(w.heartbeatAgeMillis / 1000) + ' ago'),
            el('td', {}, w.addresses.map((a) => el('div', {},
                a.plugin + ' / ' + a.queue + ' / ' + a.job + ' (' + a.busy + ' / ' + a.concurrency + ')'))))));
        $('workers-note').textContent = workers.length ? '' : 'No live worker process.';
        $('workers-note').hidden = workers.length > 0;
    }

    // ---- the refresh loop ---------------------------------------------------------------

    let running = null;
    let again = false;

    function refresh() {
        // one refresh at a time; asked for during one, a single further refresh follows it
        if (running) {
            again = true;
            return running;
        }
        running = refreshOnce().finally(() => {
            running = null;
            if (again) {
                again = false;
                refresh();
            }
        });
        return running;
    }

    async function refreshOnce() {
        try {
            if (!state.me) {
                state.me = await api('GET', 'me');
                $('me').textContent = state.me.user + ' · ' + state.me.access.toLowerCase().replace('_', ' ')
                    + (state.me.tenant ? ' · tenant ' + state.me.tenant : '');
            }
            state.queues = await api('GET', 'queues');
            renderIfChanged('queues', state.queues, renderQueues);
            await loadJobs();
            await loadDetail();
            await loadWorkers();
            $('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
            document.body.dataset.refreshedAt = String(Date.now());
        } catch (e) {
            show('error', 'Refresh failed: ' + e.message);
        }
    }

    $('job-queue').addEventListener('change', (e) => selectQueue(e.target.value, $('job-state').value));
    $('job-state').addEventListener('change', (e) => selectQueue(state.selectedQueue, e.target.value));
    $('jobs-next').addEventListener('click', () => {
        state.cursor = state.nextCursor;
        state.rendered = {};
        refresh();
    });
    $('job-detail-close').addEventListener('click', () => {
        state.detailId = null;
        state.rendered = {};
        refresh();
    });

    refresh();
    setInterval(refresh, REFRESH_MS);
})();
