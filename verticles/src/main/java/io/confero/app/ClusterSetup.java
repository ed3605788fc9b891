package io.confero.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import io.confero.config.ConferoConfig;
import io.confero.meeting.HazelcastMeetingDirectory;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** Hazelcast configuration for the clustered Vert.x: TCP-IP join, never multicast. */
final class ClusterSetup {
  private ClusterSetup() {}

  static HazelcastClusterManager clusterManager(ConferoConfig.Cluster c) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(c.name());
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.getNetworkConfig().setPort(c.port()).setPortAutoIncrement(true).setPublicAddress(null);
    hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(c.host());
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(c.host());
    c.members().forEach(m -> join.getTcpIpConfig().addMember(m));
    hz.addMapConfig(new MapConfig(HazelcastMeetingDirectory.MAP_NAME).setBackupCount(c.backupCount()));
    return new HazelcastClusterManager(hz);
  }
}
