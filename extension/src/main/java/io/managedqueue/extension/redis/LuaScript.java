package io.managedqueue.extension.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts, one per atomic transition, each a file beside this class. A line
 * {@code --@include lib-finish.lua} is replaced by that file, so shared routines are written
 * once. Redisson runs them by SHA and reloads on {@code NOSCRIPT} ({@code useScriptCache}).
 */
public enum LuaScript {
    ENQUEUE("enqueue.lua"),
    ENQUEUE_FLOW("enqueue-flow.lua"),
    CLAIM("claim.lua"),
    CANCEL("cancel.lua"),
    EXTEND_LEASES("extend-leases.lua"),
    RELEASE("release.lua"),
    UPDATE_DATA("update-data.lua"),
    APPEND_LOG("append-log.lua"),
    ADMIN_QUEUE("admin-queue.lua"),
    ADMIN_PAGE("admin-page.lua"),
    ADMIN_RETRY("admin-retry.lua"),
    ADMIN_RETRY_ALL("admin-retry-all.lua"),
    ADMIN_PROMOTE("admin-promote.lua"),
    ADMIN_CLEAN("admin-clean.lua"),
    ADMIN_RESUME("admin-resume.lua"),
    ADMIN_RECOUNT("admin-recount.lua"),
    WORKER_HEARTBEAT("worker-heartbeat.lua"),
    WORKERS_READ("workers-read.lua"),
    WORKER_REMOVE("worker-remove.lua"),
    SCHEDULE_SAVE("schedule-save.lua"),
    SCHEDULE_INDEX("schedule-index.lua"),
    SCHEDULE_DUE("schedule-due.lua"),
    HOLD_LEASE("hold-lease.lua");

    private static final String INCLUDE = "--@include ";
    private final String text;

    LuaScript(String file) {
        this.text = resolveIncludes(read(file));
    }

    /** @return the script source, includes resolved */
    public String text() {
        return text;
    }

    /** @return a script source with its {@code --@include} lines replaced (tests run the libraries through it) */
    static String resolveIncludes(String source) {
        StringBuilder out = new StringBuilder(source.length() * 2);
        for (String line : source.split("\n", -1)) {
            if (line.startsWith(INCLUDE)) {
                out.append(read(line.substring(INCLUDE.length()).trim()));
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String read(String file) {
        try (InputStream in = LuaScript.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
