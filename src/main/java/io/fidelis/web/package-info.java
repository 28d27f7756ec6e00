/**
 * The screens people use: the back-office for operators ({@code /admin}), and the log-in they share with the cashier
 * page. Server-rendered with Thymeleaf and htmx; they read every module and change things through the same services
 * as the API.
 */
package io.fidelis.web;
