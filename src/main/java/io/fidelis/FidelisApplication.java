package io.fidelis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Fidelis: a loyalty-program platform. One Spring Modulith application; each top-level package is a module. */
@Modulithic(sharedModules = "shared")
@SpringBootApplication
public class FidelisApplication {

	public static void main(String[] args) {
		SpringApplication.run(FidelisApplication.class, args);
	}
}
