package io.vfn.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vfn.catalog.Catalog;
import io.vfn.cluster.ClusteredVertx;
import io.vfn.cluster.NodeRegistry;
import io.vfn.config.VersionProvider;

/** {@code GET /system/nodes} (members with their functions and load) and {@code GET /system/info}. */
public final class SystemHandler {

    private final ClusteredVertx cluster;
    private final NodeRegistry nodes;
    private final Catalog catalog;

    /**
     * @param cluster the clustered Vert.x
     * @param nodes   the nodes' self-descriptions
     * @param catalog the catalog
     */
    public SystemHandler(ClusteredVertx cluster, NodeRegistry nodes, Catalog catalog) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.catalog = catalog;
    }

    /** {@code GET /system/nodes}. */
    public void nodes(RoutingContext ctx) {
        nodes.all()
                .onSuccess(all -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonArray(all).toBuffer()))
                .onFailure(ctx::fail);
    }

    /** {@code GET /system/info}. */
    public void info(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("version", VersionProvider.version())
                        .put("nodeId", cluster.nodeId())
                        .put("clusterSize", cluster.clusterSize())
                        .put("functions", catalog.size())
                        .toBuffer());
    }
}
