package com.example;

public class Report {}
