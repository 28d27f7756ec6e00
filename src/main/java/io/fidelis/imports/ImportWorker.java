package io.fidelis.imports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Processes imports in the background of the instance they were uploaded to, as soon as they are stored, so that a
 * progress bar starts moving at once. Nothing depends on it: an import this instance could not start (too many
 * waiting) or did not finish (it stopped) is claimable by every instance once its lease has run out, and
 * {@link ImportResumeJob} takes it up.
 */
@Component
class ImportWorker implements DisposableBean {

	/** Imports processed at once by an instance; each holds a database connection while it applies a row. */
	private static final int THREADS = 2;
	/** Sanity: beyond this many waiting, an upload waits for the resume job instead. */
	private static final int QUEUE = 100;
	private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

	private final ImportProcessor processor;
	/** Names this process in claims: the host, and a random part for several processes on one host. */
	private final String instance;
	private final ThreadPoolExecutor executor;

	ImportWorker(ImportProcessor processor) {
		this.processor = processor;
		this.instance = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
				task -> {
					Thread thread = new Thread(task, "import-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

	String instance() {
		return instance;
	}

	/** Processes the import soon, on this instance, unless it is already busy with too many. */
	void start(UUID id) {
		try {
			executor.execute(() -> process(id));
		}
		catch (RejectedExecutionException busy) {
			log.info("Import {} waits for the resume job: this instance is busy with others", id);
		}
	}

	/** Processes the import here and now; false if another instance holds it or it is finished. */
	boolean process(UUID id) {
		try {
			return processor.process(id, instance);
		}
		catch (RuntimeException failure) {
			log.error("Import {} stopped; it is resumed once its lease runs out", id, failure);
			return false;
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		// What an interrupted import leaves undone is resumed by an instance once its lease runs out.
		executor.shutdownNow();
		executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException unknown) {
			return "unknown-host";
		}
	}
}
