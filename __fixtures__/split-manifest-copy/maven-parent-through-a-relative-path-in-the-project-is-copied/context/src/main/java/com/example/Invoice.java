package com.example;

public record Invoice(String id, long cents) {}
