package io.fidelis.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy a test can cut: between a service and its database, cutting it drops every connection and refuses new
 * ones, as if the database had gone away, without stopping a database server other runs share.
 */
public final class CuttableProxy implements AutoCloseable {

	private final ServerSocket server;
	private final InetSocketAddress target;
	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
	private volatile boolean cut;

	public CuttableProxy(String targetHost, int targetPort) throws IOException {
		this.target = new InetSocketAddress(targetHost, targetPort);
		this.server = new ServerSocket(0);
		Thread acceptor = new Thread(this::accept, "proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return server.getLocalPort();
	}

	/** Drops every open connection and refuses new ones until {@link #restore()}. */
	public void cut() {
		cut = true;
		sockets.forEach(CuttableProxy::closeQuietly);
		sockets.clear();
	}

	public void restore() {
		cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(server);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				if (cut) {
					closeQuietly(client);
					continue;
				}
				Socket upstream = new Socket(target.getHostString(), target.getPort());
				sockets.add(client);
				sockets.add(upstream);
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException closed) {
				// The server socket was closed, or the database refused: the client sees a dropped connection.
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread pipe = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException dropped) {
				// Cut, or closed by either side.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "proxy-pipe");
		pipe.setDaemon(true);
		pipe.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ignored) {
			// Closing what is already gone.
		}
	}
}
