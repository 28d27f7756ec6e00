package io.fidelis.earning;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Hears every campaign start and end its service announces, as the messaging module will. */
@TestComponent
public class CampaignAnnouncementsHeard {

	private final List<Object> heard = new CopyOnWriteArrayList<>();

	@EventListener
	void on(CampaignStarted started) {
		heard.add(started);
	}

	@EventListener
	void on(CampaignEnded ended) {
		heard.add(ended);
	}

	/** What was heard of the campaign, in order: "started spring", "ended spring". */
	public List<String> of(String code) {
		return heard.stream()
			.map(event -> event instanceof CampaignStarted started ? "started " + started.code()
					: "ended " + ((CampaignEnded) event).code())
			.filter(line -> line.endsWith(" " + code))
			.toList();
	}
}
